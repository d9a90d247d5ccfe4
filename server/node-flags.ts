// The V8 flags the server runs with (`npm start`, and the tests and benchmarks that spawn it; a
// unit test keeps package.json's start script in step with this list).
//
// --max-semi-space-size=4: V8's young generation may otherwise grow to 16 MiB per semi-space
// under a busy room's garbage and stay there. At 4 MiB the relay benchmark's resident memory with
// 70 clients fell from about 125 to 98 MiB at the same CPU (docs/benchmarks.md).
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
