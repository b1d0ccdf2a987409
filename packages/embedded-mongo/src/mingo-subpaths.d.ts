// The project's tsconfig uses `"moduleResolution": "node"`, which ignores package.json "exports",
// so TypeScript cannot see mingo's sub-path entry points that Node resolves fine at runtime
// (mingo/core -> mingo/cjs/core/index.js, ...). These declarations point each sub-path at the
// declaration file mingo ships for it. Type-only imports can use `mingo/types/...` directly.
declare module 'mingo/core' {
  export * from 'mingo/types/core';
}
declare module 'mingo/query' {
  export * from 'mingo/types/query';
}
declare module 'mingo/aggregator' {
  export * from 'mingo/types/aggregator';
}
declare module 'mingo/util' {
  export * from 'mingo/types/util';
}
declare module 'mingo/operators/accumulator' {
  export * from 'mingo/types/operators/accumulator';
}
declare module 'mingo/operators/expression' {
  export * from 'mingo/types/operators/expression';
}
declare module 'mingo/operators/pipeline' {
  export * from 'mingo/types/operators/pipeline';
}
declare module 'mingo/operators/projection' {
  export * from 'mingo/types/operators/projection';
}
declare module 'mingo/operators/query' {
  export * from 'mingo/types/operators/query';
}
declare module 'mingo/operators/window' {
  export * from 'mingo/types/operators/window';
}
