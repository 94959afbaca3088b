import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../config.js';

/** A GeoJSON Polygon or MultiPolygon, [lon, lat] order. */
export interface RegionBoundary {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

interface BoundaryFeature {
  properties: { iso: string };
  geometry: RegionBoundary;
}

/**
 * Reads the real boundaries (OpenStreetMap, ODbL 1.0; licence and provenance in data/README.md),
 * shipped in the repository under data/regions/ (REGIONS_GEOJSON points elsewhere).
 */
export async function readRegionBoundaries(): Promise<Map<string, RegionBoundary>> {
  const path = resolve(loadConfig().regionsGeoJsonPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError(
      `region boundaries not found at ${path}: set REGIONS_GEOJSON to the path of kz-regions.geojson`,
    );
  }
  const features = (JSON.parse(text) as { features: BoundaryFeature[] }).features;
  return new Map(features.map((feature) => [feature.properties.iso, feature.geometry]));
}

