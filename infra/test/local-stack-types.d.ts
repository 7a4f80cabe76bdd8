// @org/products-local declares dynalite's types in a .d.ts its sources do not reference, so a program
// that reaches them through an import (the smoke test) does not see it. Drop this once local references it.
declare module 'dynalite';
