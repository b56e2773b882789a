package cn.tianjin.makerspace.common;

/**
 * A problem the person at the keyboard can fix (a missing folder, a file that is not CSV,
 * bad SQL). The command line prints {@link #getMessage()} as one line and exits non-zero;
 * no stack trace.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
