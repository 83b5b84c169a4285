package io.github.freeprob.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ties the code blocks of a markdown file to regions of a Java source, so that neither can change without the other.
 *
 * <p>A region of the source lies between the lines {@code // tag::NAME[]} and {@code // end::NAME[]}; its text is
 * those lines with their common indentation removed. In markdown, the line {@code <!-- snippet: NAME -->} right before
 * a fenced block says that the block is region NAME, and {@code <!-- output: NAME -->} that it is what region NAME
 * prints. Every fenced {@code java} block of a checked markdown file must carry a snippet marker.
 */
final class Snippets {

    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[]\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// end::([\\w-]+)\\[]\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- (snippet|output): ([\\w-]+) -->$");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

    /** A fenced block of a markdown file, with its marker (kind and name null when unmarked). */
    record Block(String kind, String name, String language, String text, int line) {
    }

    private Snippets() {
    }

    /** @return the regions of a Java source by name, in order, dedented */
    static Map<String, String> regions(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        Map<String, String> regions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher tag = TAG.matcher(lines.get(i));
            if (!tag.matches()) {
                continue;
            }
            String name = tag.group(1);
            int end = i + 1;
            while (end < lines.size() && !isEnd(lines.get(end), name)) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException("region " + name + " of " + source + " has no end line");
            }
            if (regions.put(name, dedent(lines.subList(i + 1, end))) != null) {
                throw new IllegalStateException("region " + name + " appears twice in " + source);
            }
        }
        return regions;
    }

    private static boolean isEnd(String line, String name) {
        Matcher end = END.matcher(line);
        return end.matches() && end.group(1).equals(name);
    }

    /** @return the lines without their common leading spaces, joined with newlines, with a final newline */
    static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    /** @return the fenced blocks of a markdown file, each with the marker on the line before its fence, if any */
    static List<Block> blocks(Path markdown) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).equals("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalStateException("unclosed code block at line " + (i + 1) + " of " + markdown);
            }
            Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1)) : null;
            boolean marked = marker != null && marker.matches();
            StringBuilder text = new StringBuilder();
            for (String line : lines.subList(i + 1, close)) {
                text.append(line).append('\n');
            }
            blocks.add(new Block(marked ? marker.group(1) : null, marked ? marker.group(2) : null, fence.group(1),
                    text.toString(), i + 1));
            i = close;
        }
        return blocks;
    }

    /** @return the text of the block of that kind and name in a markdown file */
    static String block(Path markdown, String kind, String name) throws IOException {
        String found = null;
        for (Block block : blocks(markdown)) {
            if (kind.equals(block.kind()) && name.equals(block.name())) {
                if (found != null) {
                    throw new IllegalStateException(kind + " block " + name + " appears twice in " + markdown);
                }
                found = block.text();
            }
        }
        if (found == null) {
            throw new IllegalStateException("no " + kind + " block " + name + " in " + markdown);
        }
        return found;
    }
}
