/** The lake layout lives in the contract module; this re-export keeps older imports working. */
export { lake } from './contract/lake.ts';
