package io.opsbot.dashboard.feedback;

import io.opsbot.core.feedback.FeedbackItem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The board as a CSV file (RFC 4180, UTF-8), one row per item the filter matches. A value a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @} first) gets a leading apostrophe, so a customer's words cannot
 * become a formula in whoever opens the file.
 */
final class BoardCsv {

    static final List<String> HEADER = List.of("id", "summary", "details", "type", "area", "customer", "impact",
            "status", "reporter", "reported_at", "updated_at", "link");

    private BoardCsv() {
    }

    static void write(List<FeedbackItem> items, Writer out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (FeedbackItem item : items) {
                csv.printRecord(item.reference().toString(), cell(item.getSummary()), cell(item.getDetails()),
                        item.getType() == null ? "" : item.getType().label(), cell(item.getArea()),
                        cell(item.getCustomer()), item.getImpact() == null ? "" : item.getImpact(),
                        item.getStatus().label(), cell(item.getReporterName()), instant(item.getCreatedAt()),
                        instant(item.getUpdatedAt()), cell(item.getLink()));
            }
        }
    }

    /** Text as typed, made inert for spreadsheets. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String instant(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
