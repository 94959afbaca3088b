/**
 * Who may see and change what in this subgraph (docs/architecture.md §5): investment projects
 * and their planned jobs are published facts, public to anyone, signed in or not, and nothing here
 * can be changed through the API (rows come from the seed). So no resolver declares an `@Allow`
 * rule; a rule that one day restricts a field is written here.
 */
export {};
