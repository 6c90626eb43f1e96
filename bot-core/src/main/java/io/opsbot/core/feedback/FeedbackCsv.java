package io.opsbot.core.feedback;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Feedback as CSV, the one format of the chat export and the dashboard's download: written with Apache Commons CSV in
 * RFC 4180 form (CRLF, quotes doubled) as UTF-8 with a byte order mark, which Excel needs to read anything but ASCII. A cell of someone's text that a spreadsheet would run as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR) is written with a leading apostrophe, as OWASP advises
 * against CSV injection.
 */
public final class FeedbackCsv {

    public static final String MEDIA_TYPE = "text/csv";
    static final List<String> HEADER = List.of("ID", "Summary", "Details", "Type", "Area", "Status", "Owner",
            "Reporter", "Votes", "Customers", "Impact", "Link", "Source", "Created (UTC)", "Updated (UTC)",
            "Duplicate of", "Merged here");
    private static final char BOM = '\uFEFF';
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ISO_INSTANT;

    private FeedbackCsv() {
    }

    static byte[] write(List<FeedbackItem> items) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + items.size() * 256);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            write(items, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the items to {@code out} (a UTF-8 writer), byte order mark first; {@code out} is left open. */
    public static void write(List<FeedbackItem> items, Writer out) throws IOException {
        out.write(BOM);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
        CSVPrinter csv = new CSVPrinter(out, format);
        for (FeedbackItem item : items) {
            csv.printRecord(item.reference().toString(), safe(item.getSummary()), safe(item.getDetails()),
                    item.getType() == null ? "" : item.getType().label(),
                    item.getArea() == null ? "" : item.getArea(), item.getStatus().label(),
                    safe(item.getOwnerName()), safe(item.getReporterName()), item.askers().size(),
                    safe(String.join("; ", item.customers())),
                    item.getImpact() == null ? "" : item.getImpact(), safe(item.getLink()),
                    item.getSource() == null ? "" : item.getSource().name().toLowerCase(Locale.ROOT),
                    WHEN.format(item.getCreatedAt()), WHEN.format(item.getUpdatedAt()),
                    item.duplicateOf() == null ? "" : item.duplicateOf().toString(),
                    String.join(" ", item.mergedItems().stream().map(Object::toString).toList()));
        }
        csv.flush();
    }

    /** Someone's text as a cell a spreadsheet shows rather than runs. */
    static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
