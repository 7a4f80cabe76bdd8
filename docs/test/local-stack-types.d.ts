// @org/products-local declares dynalite's types in a .d.ts its sources do not reference, so a
// program that type-checks its source from outside needs the module declared (the client's tests
// do the same). Drop this when packages/local references its declaration from store.ts.
declare module 'dynalite';
