/** The analogy scoring methods (Levy & Goldberg 2014), shared by the engine and the benchmark. */
export type Method = '3cosadd' | '3cosmul';
export const METHODS: readonly Method[] = ['3cosadd', '3cosmul'];

/** gensim's most_similar_cosmul adds this to the denominator (Levy & Goldberg used 0.001). */
export const COSMUL_EPSILON = 1e-6;
