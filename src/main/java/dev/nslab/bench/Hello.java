package dev.nslab.bench;

/** The hello-world JVM nslab's start-up is measured against, started the same way. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
