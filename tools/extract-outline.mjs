// Writes themes/default/map/azerbaijan.json: Azerbaijan's outline (with Nakhchivan) as rings of
// [longitude, latitude], from Natural Earth 1:50m (public domain) via the npm package world-atlas
// (ISC). Run once, when the source changes:
//   npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0
//   node tools/extract-outline.mjs node_modules > themes/default/map/azerbaijan.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = path.resolve(process.argv[2] ?? 'node_modules');
const require = createRequire(path.join(modules, 'x.js'));
const { feature } = require('topojson-client');
const world = JSON.parse(readFileSync(path.join(modules, 'world-atlas/countries-50m.json'), 'utf8'));
const az = feature(world, world.objects.countries).features.find((f) => f.id === '031');
if (!az) throw new Error('Azerbaijan (ISO 3166-1 numeric 031) is not in the data');
const polygons = az.geometry.type === 'Polygon' ? [az.geometry.coordinates] : az.geometry.coordinates;
const rings = polygons.map((p) => p[0].map(([lon, lat]) => [Math.round(lon * 1000) / 1000, Math.round(lat * 1000) / 1000]));
process.stdout.write(JSON.stringify({
  source: 'Natural Earth 1:50m Admin 0 countries, v4.1.0 (public domain), via npm world-atlas 2.0.2 (ISC)',
  rings,
}) + '\n');
