package io.github.freeprob.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.docs.AccuracyTable.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the accuracy table in {@code docs/accuracy.md} stays within the bound the table claims, and the table
 * in the doc is the table of {@link AccuracyTable}: the same rows, descriptions and bounds, and measured values
 * within their bounds. The quick rows run in the default suite; the slow ones (seconds to tens of seconds each) with
 * {@code -Dgroups=slow}, which also writes the freshly measured table to {@code target/accuracy-table.md}.
 */
class AccuracyTest {

    static final Path DOC = Path.of("docs/accuracy.md");
    static final String BEGIN = "<!-- accuracy-table:begin -->";
    static final String END = "<!-- accuracy-table:end -->";

    static Stream<Row> quickRows() {
        return AccuracyTable.rows().stream().filter(row -> !row.slow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quickRows")
    void quickRowStaysWithinItsBound(Row row) throws IOException {
        double error = row.error().getAsDouble();
        assertThat(error).as("%s: %s", row.id(), row.quantity()).isLessThanOrEqualTo(row.bound());
        // The measured value printed in the doc is today's, up to the rounding allowance of the bounds (a factor of
        // 10 either way, with values below 1e-16 counted as 1e-16): a stale number fails.
        double documented = documentedValues().get(row.id());
        double floor = 1e-16;
        assertThat(Math.abs(Math.log10(Math.max(documented, floor) / Math.max(error, floor))))
                .as("%s: documented %s, measured %s", row.id(), documented, error).isLessThanOrEqualTo(1);
    }

    @Tag("slow")
    @Test
    void everyRowStaysWithinItsBoundAndTheTableIsWritten() throws IOException {
        Map<Row, Double> errors = AccuracyTable.measure(AccuracyTable.rows());
        String table = AccuracyTable.table(errors);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/accuracy-table.md"), table, StandardCharsets.UTF_8);
        errors.forEach((row, error) -> assertThat(error).as("%s: %s", row.id(), row.quantity())
                .isLessThanOrEqualTo(row.bound()));
    }

    @Test
    void docTableIsTheTableOfTheCode() throws IOException {
        List<String[]> docRows = docRows();
        List<Row> rows = AccuracyTable.rows();
        assertThat(docRows.stream().map(cells -> cells[0]).toList()).as("row ids of the table in %s", DOC)
                .containsExactlyElementsOf(rows.stream().map(Row::id).toList());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String[] cells = docRows.get(i);
            String[] expected = AccuracyTable.cells(row, cells[4]);
            assertThat(cells).as("row %s of %s (regenerate it with AccuracyTable.main)", row.id(), DOC)
                    .containsExactly(expected);
            assertThat(Double.parseDouble(cells[4])).as("documented value of %s", row.id())
                    .isLessThanOrEqualTo(row.bound());
        }
    }

    @Test
    void tableCellsSplitOnUnescapedBarsOnly() {
        assertThat(split("| a | max \\|x\\| | 1e-14 |")).containsExactly("a", "max |x|", "1e-14");
    }

    /** @return the documented measured value of each row */
    static Map<String, Double> documentedValues() throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String[] cells : docRows()) {
            values.put(cells[0], Double.parseDouble(cells[4]));
        }
        return values;
    }

    /** @return the cells of each data row of the table between the markers, unescaped */
    static List<String[]> docRows() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        assertThat(begin).as("%s in %s", BEGIN, DOC).isNotNegative();
        assertThat(end).as("%s after the begin marker in %s", END, DOC).isGreaterThan(begin);
        List<String[]> rows = new ArrayList<>();
        // Skip the header and the separator line.
        for (String line : lines.subList(begin + 3, end)) {
            if (!line.isBlank()) {
                rows.add(split(line));
            }
        }
        return rows;
    }

    /** Splits a markdown table line on its unescaped bars and unescapes the cells. */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells.toArray(String[]::new);
    }
}
