package dev.nslab.lab;

/** A lab could not be set up; the message is one sentence for the learner. */
public class LabException extends RuntimeException {
  public LabException(String message) {
    super(message);
  }
}
