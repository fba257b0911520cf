/**
 * Where the Google analogy test set (questions-words.txt, 19,544 questions in word2vec's format)
 * is read from: the data folder beside the project, not the project itself.
 */
import path from 'node:path';

/** Google's questions for a project at `projectRoot`. */
export function googleQuestionsFile(projectRoot: string): string {
  return path.resolve(projectRoot, '../shared/data/questions-words.txt');
}

/** The questions to use: the file WVE_QUESTIONS names, else Google's. */
export function questionsFile(projectRoot: string): string {
  return process.env.WVE_QUESTIONS || googleQuestionsFile(projectRoot);
}
