package cn.tianjin.makerspace.ingestion.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingGeneratorTest {
  @TempDir Path tmp;

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedSameBytes() throws IOException {
    long a = new LandingGenerator(0.1, 42).generate(tmp.resolve("a"));
    long b = new LandingGenerator(0.1, 42).generate(tmp.resolve("b"));
    assertEquals(a, b);
    List<Path> names = files(tmp.resolve("a"));
    assertEquals(names, files(tmp.resolve("b")));
    for (Path p : names) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(p)), Files.readAllBytes(tmp.resolve("b").resolve(p)), p.toString());
    }
  }

  @Test
  void all16TianjinDistrictsWithTheirGbCodes() throws IOException {
    new LandingGenerator(0.1, 1).generate(tmp);
    List<String> lines = Files.readAllLines(tmp.resolve("reference/districts.csv"), StandardCharsets.UTF_8);
    assertEquals(17, lines.size());
    assertTrue(lines.contains("120116,滨海新区,Binhai New Area"));
    assertTrue(lines.contains("120119,蓟州区,Jizhou District"));
    assertTrue(Files.exists(tmp.resolve("quarterly_reports/2025Q2/")), "reports for 2024Q1-2026Q3");
    assertTrue(Files.exists(tmp.resolve("quarterly_reports/2026Q3/")));
  }
}
