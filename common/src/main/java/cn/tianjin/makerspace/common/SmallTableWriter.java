package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a small table (reference data, a report ledger, a run manifest: thousands of rows, not
 * millions) held on the driver as one Parquet file, without a Spark job. A Spark job costs about
 * a second of scheduling and commit work however few its rows; an ingest writes a dozen such
 * tables. The file has the layout Spark itself writes for these types (strings, booleans, ints,
 * longs, doubles, dates, UTC-adjusted microsecond timestamps, lists of strings), so Spark and
 * DuckDB read it like any other segment.
 */
public final class SmallTableWriter {
  private SmallTableWriter() {}

  /** Writes {@code rows} to the new Parquet file {@code file} (see {@link SnapshotStore#writeSmallTable}). */
  static void write(OutputFile file, StructType schema, List<Row> rows) throws IOException {
    MessageType parquet = parquetSchema(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(parquet);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(file)
            .withType(parquet)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withExtraMetaData(java.util.Map.of(ParquetFooters.SPARK_SCHEMA_KEY, schema.json()))
            .build()) {
      for (Row row : rows) {
        w.write(group(groups.newGroup(), schema, row));
      }
    }
  }

  static MessageType parquetSchema(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema.fields()) {
      b.addField(field(f.name(), f.dataType(), f.nullable()));
    }
    return b.named("spark_schema");
  }

  private static Type field(String name, DataType t, boolean nullable) {
    Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
      return Types.buildGroup(rep)
          .as(LogicalTypeAnnotation.listType())
          .addField(
              Types.repeatedGroup()
                  .addField(
                      Types.primitive(PrimitiveTypeName.BINARY, a.containsNull() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED)
                          .as(LogicalTypeAnnotation.stringType())
                          .named("element"))
                  .named("list"))
          .named(name);
    }
    if (t.equals(DataTypes.StringType)) {
      return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
    }
    if (t.equals(DataTypes.BooleanType)) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
    }
    if (t.equals(DataTypes.IntegerType)) {
      return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
    }
    if (t.equals(DataTypes.LongType)) {
      return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
    }
    if (t.equals(DataTypes.DoubleType)) {
      return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
    }
    if (t.equals(DataTypes.DateType)) {
      return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
    }
    if (t.equals(DataTypes.TimestampType)) {
      return Types.primitive(PrimitiveTypeName.INT64, rep)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(name);
    }
    throw new IllegalArgumentException("no small-table mapping for column " + name + " of type " + t);
  }

  private static Group group(Group g, StructType schema, Row row) {
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        if (!fields[i].nullable()) {
          throw new IllegalArgumentException("column " + fields[i].name() + " may not be null: " + row);
        }
        continue;
      }
      String name = fields[i].name();
      DataType t = fields[i].dataType();
      if (t instanceof ArrayType) {
        Group list = g.addGroup(name);
        for (Object item : (List<?>) v) {
          Group element = list.addGroup("list");
          if (item != null) {
            element.append("element", item.toString());
          }
        }
      } else if (t.equals(DataTypes.StringType)) {
        g.append(name, (String) v);
      } else if (t.equals(DataTypes.BooleanType)) {
        g.append(name, (Boolean) v);
      } else if (t.equals(DataTypes.IntegerType)) {
        g.append(name, ((Number) v).intValue());
      } else if (t.equals(DataTypes.LongType)) {
        g.append(name, ((Number) v).longValue());
      } else if (t.equals(DataTypes.DoubleType)) {
        g.append(name, ((Number) v).doubleValue());
      } else if (t.equals(DataTypes.DateType)) {
        g.append(name, (int) ((LocalDate) v).toEpochDay());
      } else if (t.equals(DataTypes.TimestampType)) {
        Instant ts = (Instant) v;
        g.append(name, ChronoUnit.MICROS.between(Instant.EPOCH, ts));
      }
    }
    return g;
  }
}
