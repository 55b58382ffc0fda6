package dev.nslab;

import dev.nslab.cli.Cli;
import dev.nslab.cli.Console;
import dev.nslab.cli.ProcessTitle;

/** Entry point: everything happens in {@link Cli#run}, which tests call directly. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ProcessTitle.set(); // "nslab" in ps, not a java command line; here, so no test JVM is renamed
    System.exit(
        Cli.run(System.in, System.out, System.err, System.getenv(), Console.system(), args));
  }
}
