/**
 * The raw text of `--name <value>` / `--name=value` as typed: cac (mri) turns hex strings such as addresses into
 * (imprecise) numbers, so hex-valued options are read back from argv. Repeated options: the last one wins. Falls back
 * to cac's parsed value, and is undefined when the option was not given.
 */
export function rawOption(name: string, parsed: unknown, argv: readonly string[] = process.argv): string | undefined {
  if (parsed === undefined) return undefined;
  const flag = name.startsWith("--") ? name : `--${name}`;
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag && i + 1 < argv.length) value = argv[i + 1];
    else if (argv[i]?.startsWith(`${flag}=`)) value = argv[i]?.slice(flag.length + 1);
  }
  return value ?? String(parsed);
}
