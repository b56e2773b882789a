package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.UserError;

/**
 * A user error the dashboard can say in both languages: the web answers in the user's language,
 * the command line prints both ({@link #getMessage()}).
 */
public class BilingualError extends UserError {
  private final Message text;

  public BilingualError(Message text) {
    super(text.both());
    this.text = text;
  }

  public Message text() {
    return text;
  }
}
