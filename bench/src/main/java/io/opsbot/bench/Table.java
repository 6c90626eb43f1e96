package io.opsbot.bench;

import java.util.ArrayList;
import java.util.List;

/** One Markdown table, printed once a scenario is done, ready to paste into the README. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        columns = header.length;
        rows.add(header);
    }

    void row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
    }

    void print() {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int c = 0; c < columns; c++) {
                line.append(' ').append(String.format("%-" + width[c] + "s", rows.get(r)[c])).append(" |");
            }
            System.out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int c = 0; c < columns; c++) {
                    rule.append(' ').append("-".repeat(width[c])).append(" |");
                }
                System.out.println(rule);
            }
        }
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : millis < 10 ? String.format("%.1f", millis) : String.format("%.0f", millis);
    }

    static String num(double value) {
        return String.format("%,.0f", value);
    }

    static String ratio(double value) {
        return String.format("%.2fx", value);
    }
}
