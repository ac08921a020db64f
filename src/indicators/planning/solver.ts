/** Loads the HiGHS solver (WebAssembly, shipped in the `highs` package) once per process. */
import highsLoader, { type Highs } from 'highs';

let loading: Promise<Highs> | null = null;

export function loadSolver(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}
