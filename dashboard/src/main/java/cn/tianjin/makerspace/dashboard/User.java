package cn.tianjin.makerspace.dashboard;

/**
 * A dashboard user. A {@link Role#DISTRICT} user is bound to one district ({@code districtCode});
 * the other roles see every district ({@code districtCode} is null).
 */
public record User(String name, Role role, String districtCode, String passwordHash) {
  /** The district every answer is restricted to, or null for all districts. */
  public String scope() {
    return role == Role.DISTRICT ? districtCode : null;
  }
}
