package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.ConsoleProcesses;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.pipeline.PipelineSchedule;
import cn.tianjin.makerspace.transforms.AwardRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The options several commands share, as picocli mixins: each named, typed and described once. */
public final class Options {
  private Options() {}

  /** {@code --warehouse}, required, an existing warehouse: a local folder, or a folder on HDFS where the command allows it. */
  public static final class Warehouse {
    @Option(names = "--warehouse", paramLabel = "DIR|URI", required = true,
        description = "the warehouse (Parquet snapshots): a folder, or hdfs://NAMENODE:PORT/PATH")
    String location;

    /** The warehouse, which must exist (a typo must not create an empty warehouse). */
    public SnapshotStore store() {
      return requireExists(SnapshotStore.at(location));
    }
  }

  private static SnapshotStore requireExists(SnapshotStore store) {
    if (!store.exists()) {
      throw new UserError("warehouse folder not found: " + store.location());
    }
    return store;
  }

  /** {@code --warehouse}, required, where a run writes: created when missing. */
  public static final class Target {
    @Option(names = "--warehouse", paramLabel = "DIR|URI", required = true,
        description = "the warehouse, created when missing: a folder, or hdfs://NAMENODE:PORT/PATH")
    String location;

    public SnapshotStore store() {
      return SnapshotStore.at(location);
    }
  }

  /**
   * {@code --warehouse} and {@code --home}: what the dashboard serves, and its local folder. The
   * home's {@code dashboard/} holds the server's users, saved queries and run history, and its
   * {@code mirror/} the copies of an HDFS warehouse's segments that DuckDB reads. A local
   * warehouse is its own home by default; a warehouse on HDFS needs one.
   */
  public static final class Server {
    @Option(names = "--warehouse", paramLabel = "DIR|URI", required = true,
        description = "the warehouse: a folder, or hdfs://NAMENODE:PORT/PATH")
    String location;

    @Option(names = "--home", paramLabel = "DIR",
        description = "the server's local folder: its users and state (DIR/dashboard), its copies of an HDFS warehouse (DIR/mirror);"
            + " default: a local warehouse's own folder")
    Path home;

    /** The warehouse, reading an HDFS one through {@code home/mirror}. */
    public SnapshotStore store() {
      return SnapshotStore.at(location, home == null ? null : home.resolve("mirror"));
    }

    /** The warehouse, which must exist. */
    public SnapshotStore existing() {
      return requireExists(store());
    }

    public Path home() {
      if (home != null) {
        return home.toAbsolutePath().normalize();
      }
      SnapshotStore store = SnapshotStore.at(location);
      if (!store.isLocal()) {
        throw new UserError("a warehouse on " + store.location() + " needs --home DIR: a local folder for the server's users,"
            + " saved queries and run history, and for its copies of the segments");
      }
      return store.resolve("");
    }
  }

  /** {@code --landing}, required: the landing zone a run ingests. */
  public static final class Landing {
    @Option(names = "--landing", paramLabel = "DIR|URI", required = true,
        description = "the landing zone: a folder, or hdfs://NAMENODE:PORT/PATH")
    String location;

    public LandingZone zone() {
      return LandingZone.at(location);
    }
  }

  /** {@code --master SPARK_URL}. */
  public static final class Spark {
    @Option(names = "--master", paramLabel = "SPARK_URL", description = "the Spark master (default local[*]; a cluster: spark://HOST:7077)")
    public String master;
  }

  /** {@code --as-of} and {@code --award-rules}: what a transform computes with. */
  static final class Transform {
    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "the as-of date of the marts (default: today in Asia/Shanghai)")
    LocalDate asOf;

    @Option(names = "--award-rules", paramLabel = "FILE", description = "the award rules (a properties file; default: the built-in ones)")
    Path awardRules;

    LocalDate asOf() {
      return asOf == null ? ProgrammeClock.today() : asOf;
    }

    AwardRules rules() {
      return awardRules == null ? AwardRules.defaults() : AwardRules.load(awardRules);
    }
  }

  /** The dashboard server's options. */
  static final class Serve {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "the port (default ${DEFAULT-VALUE}; 0: any free one)")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "the address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--schedule", paramLabel = "CRON",
        description = "when the pipeline runs, cron in Asia/Shanghai (default \"" + PipelineSchedule.DEFAULT + "\": daily 02:00); needs a landing zone")
    String schedule;

    @Option(names = "--console-memory", paramLabel = "SIZE",
        description = "what the SQL console's queries may use together, like 6g (4 at once, each in a process held to a quarter)")
    String consoleMemory;

    PipelineSchedule schedule() {
      return PipelineSchedule.parse(schedule == null ? PipelineSchedule.DEFAULT : schedule);
    }

    ConsoleProcesses.Budget console() {
      return consoleMemory == null ? ConsoleProcesses.Budget.DEFAULT : ConsoleProcesses.Budget.withMemory(consoleMemory);
    }
  }
}
