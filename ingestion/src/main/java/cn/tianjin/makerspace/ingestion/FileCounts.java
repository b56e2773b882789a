package cn.tianjin.makerspace.ingestion;

/**
 * What happened to the rows of one landing file in one run. Always
 * {@code read == accepted + quarantined + duplicates}.
 */
public final class FileCounts {
  public final LandingZone.LandingFile file;
  public String encoding;
  public long read;
  public long accepted;
  public long quarantined;
  public long duplicates;
  /** Whether its rows count: false for a 季报 submission that a later one supersedes. */
  public boolean counted = true;

  public FileCounts(LandingZone.LandingFile file) {
    this.file = file;
  }

  public FileCounts(
      LandingZone.LandingFile file, long read, long accepted, long quarantined, long duplicates) {
    this.file = file;
    this.read = read;
    this.accepted = accepted;
    this.quarantined = quarantined;
    this.duplicates = duplicates;
  }
}
