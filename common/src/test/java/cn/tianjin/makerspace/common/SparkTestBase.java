package cn.tianjin.makerspace.common;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Test classes that use Spark: {@link #spark} is the JVM's one session ({@link SharedSpark}). */
@Tag("spark")
@ExtendWith(SharedSpark.class)
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void shareSpark() {
    spark = SharedSpark.session();
  }
}
