package io.github.freeprob.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.freeprob.docs.Snippets.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java code blocks of the API guide, the README and docs/networks.md are regions of the sources of this package
 * ({@link ApiGuideTest}, {@link NetworkSpectra}) that the build compiles and runs, character for character, and no
 * region is left out of the docs.
 */
class DocSnippetsTest {

    static final Path SOURCES = Path.of("src/test/java/io/github/freeprob/docs");
    static final Path API_SOURCE = SOURCES.resolve("ApiGuideTest.java");

    /** The markdown files whose Java blocks must all be executed snippets. */
    static Stream<Path> checkedDocs() {
        return Stream.of(Path.of("docs/api.md"), Path.of("README.md"), Path.of("docs/networks.md"));
    }

    /** @return the regions of every source of this package, by name */
    static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Snippets.regions(file).forEach((name, text) -> {
                    if (regions.put(name, text) != null) {
                        throw new IllegalStateException("region " + name + " is defined twice in " + SOURCES);
                    }
                });
            }
        }
        return regions;
    }

    @ParameterizedTest
    @MethodSource("checkedDocs")
    void everyJavaBlockIsItsRegion(Path markdown) throws IOException {
        Map<String, String> regions = regions();
        List<Block> javaBlocks = Snippets.blocks(markdown).stream().filter(b -> b.language().equals("java")).toList();
        assertThat(javaBlocks).as("Java blocks of %s", markdown).isNotEmpty();
        for (Block block : javaBlocks) {
            assertThat(block.kind())
                    .as("the Java block at line %d of %s has a <!-- snippet: NAME --> marker", block.line(), markdown)
                    .isEqualTo("snippet");
            assertThat(regions).as("region %s (line %d of %s) in %s", block.name(), block.line(), markdown, SOURCES)
                    .containsKey(block.name());
            assertThat(block.text()).as("block %s at line %d of %s, against its region in %s", block.name(),
                    block.line(), markdown, SOURCES).isEqualTo(regions.get(block.name()));
        }
    }

    @Test
    void everyRegionIsShownAndEveryOutputBelongsToARegion() throws IOException {
        Set<String> regions = regions().keySet();
        Set<String> shown = new HashSet<>();
        List<String> strayOutputs = new ArrayList<>();
        for (Path markdown : checkedDocs().toList()) {
            for (Block block : Snippets.blocks(markdown)) {
                if ("snippet".equals(block.kind())) {
                    shown.add(block.name());
                } else if ("output".equals(block.kind()) && !regions.contains(block.name())) {
                    strayOutputs.add(markdown + ":" + block.line() + " " + block.name());
                }
            }
        }
        assertThat(shown).as("regions of %s shown in the docs", SOURCES).containsAll(regions);
        assertThat(strayOutputs).as("output blocks without a region").isEmpty();
    }

    @Test
    void everyOutputRegionIsCheckedByItsTest() throws IOException {
        // ApiGuideTest compares a region's output only if its test calls assertPrinted with the region's name; an
        // output block that no test compares would be free to rot.
        String source = Files.readString(API_SOURCE);
        for (Block block : Snippets.blocks(Path.of("docs/api.md"))) {
            if ("output".equals(block.kind())) {
                assertThat(source).as("output block %s is compared by ApiGuideTest", block.name())
                        .contains("assertPrinted(\"" + block.name() + "\")");
            }
        }
    }

    @Test
    void regionsAreFoundAndDedented() {
        // The parser itself: a region's common indentation goes, blank lines stay empty, inner indentation stays.
        assertThat(Snippets.dedent(List.of("        int a = 1;", "", "        if (a > 0) {", "            a++;",
                "        }"))).isEqualTo("int a = 1;\n\nif (a > 0) {\n    a++;\n}\n");
    }
}
