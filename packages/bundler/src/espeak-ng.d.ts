/** The parts of the `espeak-ng` package (espeak-ng compiled to WebAssembly by Emscripten) we use. */
declare module 'espeak-ng' {
  interface ESpeakModule {
    FS: { readFile(path: string): Uint8Array };
  }
  interface ESpeakOptions {
    /** Command-line arguments, as for the espeak-ng program. */
    arguments: string[];
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  const ESpeakNg: (options: ESpeakOptions) => Promise<ESpeakModule>;
  export default ESpeakNg;
}
