package dev.nslab.repl;

import java.util.List;

/** One REPL command: its name, aliases, argument synopsis, one-line help, and what it does. */
record Command(String name, List<String> aliases, String args, String help, Handler handler) {

  interface Handler {
    /** @param arg everything after the command word, trimmed ("" when none) */
    Commands.Result handle(String arg);
  }

  String usage() {
    return args.isEmpty() ? name : name + " " + args;
  }

  boolean answersTo(String word) {
    return name.equals(word) || aliases.contains(word);
  }
}
