package io.github.freeprob.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Composite pictures of the examples: chart panels laid out under a title and subtitle lines, written atomically. */
final class ExamplePictures {

    private ExamplePictures() {
    }

    /** Panels in a grid of two columns (each panel as large as the largest), under a title and subtitle lines. */
    static void writeGrid(Path file, List<BufferedImage> panels, String title, String... lines) {
        int columns = Math.min(2, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int width = 0;
        int height = 0;
        for (BufferedImage panel : panels) {
            width = Math.max(width, panel.getWidth());
            height = Math.max(height, panel.getHeight());
        }
        BufferedImage grid = new BufferedImage(columns * width, rows * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), (i % columns) * width, (i / columns) * height, null);
        }
        g.dispose();
        writeWithBanner(file, grid, title, lines);
    }

    /** Panels side by side in one row, under a title and subtitle lines. */
    static void writeSideBySide(Path file, List<BufferedImage> panels, String title, String... lines) {
        int width = 0;
        int height = 0;
        for (BufferedImage panel : panels) {
            width += panel.getWidth();
            height = Math.max(height, panel.getHeight());
        }
        BufferedImage row = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = row.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, row.getWidth(), row.getHeight());
        int x = 0;
        for (BufferedImage panel : panels) {
            g.drawImage(panel, x, 0, null);
            x += panel.getWidth();
        }
        g.dispose();
        writeWithBanner(file, row, title, lines);
    }

    /** One picture under a title and subtitle lines, written as PNG atomically. */
    static void writeWithBanner(Path file, BufferedImage panel, String title, String... lines) {
        int banner = 34 + 24 * lines.length;
        BufferedImage image = new BufferedImage(panel.getWidth(), panel.getHeight() + banner,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, 14, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 14, 50 + 22 * i);
        }
        g.drawImage(panel, 0, banner, null);
        g.dispose();
        AtomicFiles.write(file, temporary -> ImageIO.write(image, "png", temporary.toFile()));
    }
}
