/** The value of a `--name=value` command-line argument (everything after the first `=`), if given. */
export function argValue(name: string, argv: readonly string[] = process.argv): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}
