// The UI benchmark's progress lines.
import { progress } from '../support/progress.ts';

export const say = progress('bench:ui');
