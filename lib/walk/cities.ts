/**
 * The explanation's map-coordinate analogy: four cities as pairs of numbers (degrees north, degrees
 * west, as the article writes them). Close numbers mean close places; the walk's first step shows
 * that the distance between the number pairs orders the city pairs as their real distances do.
 * A city's name is a message (walk `cities.names.<id>`).
 */

export interface City {
  id: string;
  /** Degrees north of the equator. */
  north: number;
  /** Degrees west of Greenwich (the article's sign: Paris, east of Greenwich, is −2.4). */
  west: number;
}

/** The article's four cities and numbers. */
export const CITIES: readonly City[] = [
  { id: 'washington', north: 38.9, west: 77 },
  { id: 'new-york', north: 40.7, west: 74 },
  { id: 'london', north: 51.5, west: 0.1 },
  { id: 'paris', north: 48.9, west: -2.4 },
];
/** Mean radius of the Earth, km (for the real distance beside the numbers' one). */
const EARTH_RADIUS_KM = 6371;

/** Distance between two cities' number pairs, as between two points on graph paper. */
export function numberDistance(a: City, b: City): number {
  return Math.hypot(a.north - b.north, a.west - b.west);
}

/** Distance on the ground along the Earth's surface (haversine), km. */
export function groundKm(a: City, b: City): number {
  const rad = Math.PI / 180;
  const dLat = (b.north - a.north) * rad;
  const dLon = (b.west - a.west) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.north * rad) * Math.cos(b.north * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface CityPair {
  a: City;
  b: City;
  numbers: number;
  km: number;
}

/** Every pair of distinct cities, closest numbers first. */
export function cityPairs(cities: readonly City[] = CITIES): CityPair[] {
  const pairs: CityPair[] = [];
  for (let i = 0; i < cities.length; i++) {
    for (let j = i + 1; j < cities.length; j++) pairs.push({ a: cities[i], b: cities[j], numbers: numberDistance(cities[i], cities[j]), km: groundKm(cities[i], cities[j]) });
  }
  return pairs.sort((x, y) => x.numbers - y.numbers);
}

/** The city with this id; throws on an unknown id (a typo in the caller, not user input). */
export function cityById(id: string, cities: readonly City[] = CITIES): City {
  const city = cities.find((c) => c.id === id);
  if (!city) throw new Error(`no city "${id}" (known: ${cities.map((c) => c.id).join(', ')})`);
  return city;
}
