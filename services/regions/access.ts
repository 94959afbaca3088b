/**
 * Who may see and change what in this subgraph (docs/architecture.md §5): everything is public
 * reference data — regions, their boundaries and settlements — for anyone, signed in or not, and
 * nothing here can be changed through the API (rows come from the seed and the migrations). So no
 * resolver declares an `@Allow` rule; a rule that one day restricts a field is written here.
 */
export {};
