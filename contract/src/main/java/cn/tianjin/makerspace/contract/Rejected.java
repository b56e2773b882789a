package cn.tianjin.makerspace.contract;

/** Thrown by a row check: the row goes to quarantine with this reason and detail. */
public final class Rejected extends Exception {
  private final ReasonCode reason;

  public Rejected(ReasonCode reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
