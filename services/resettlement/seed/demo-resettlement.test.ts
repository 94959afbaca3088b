import { describe, expect, it } from 'vitest';
import { isValidIin } from '../../kernel/domain/identifiers.js';
import { createRandom, loadSettlements } from '../../kernel/seed/demo-world.js';
import { demoResettlement } from './demo-resettlement.js';

describe('resettlement demo data', () => {
  it('is the same world for the same seed and another for another seed', async () => {
    const settlements = await loadSettlements();
    const first = demoResettlement(createRandom(42), settlements);
    expect(demoResettlement(createRandom(42), settlements)).toEqual(first);
    expect(demoResettlement(createRandom(7), settlements).zones.map((zone) => zone.id)).not.toEqual(first.zones.map((zone) => zone.id));
  });

  it('places zones at distinct real settlements and never accepts more families than a zone takes', async () => {
    const settlements = await loadSettlements();
    const world = demoResettlement(createRandom(42), settlements);
    expect(new Set(world.zones.map((zone) => zone.katoCode)).size).toBe(world.zones.length);
    for (const zone of world.zones) {
      expect(settlements.some((settlement) => settlement.katoCode === zone.katoCode && settlement.name === zone.name)).toBe(true);
      const accepted = world.applications.filter((application) => application.zoneId === zone.id && application.status === 'ACCEPTED');
      expect(accepted.length).toBeLessThanOrEqual(zone.families);
    }
    expect(world.applications.every((application) => isValidIin(application.applicantIin))).toBe(true);
  });

  it('gives no citizen two open (pending or accepted) applications in one year, as the database requires', async () => {
    const world = demoResettlement(createRandom(42), await loadSettlements());
    const open = world.applications.filter((application) => application.status !== 'REJECTED');
    expect(new Set(open.map((application) => `${application.applicantIin}|${application.year}`)).size).toBe(open.length);
  });
});
