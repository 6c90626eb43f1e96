package io.opsbot.core.message;

import io.opsbot.core.tenant.UserRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Formatted text as typed spans rather than a markup string. Adapters render each span to mrkdwn or Teams markdown and
 * escape plain text themselves, so user-supplied text (a feedback summary containing {@code <!channel>} or
 * {@code **}) can never turn into formatting or mentions.
 */
public record Markup(List<Span> spans) {

    public Markup {
        spans = List.copyOf(spans);
    }

    public sealed interface Span permits Text, Link, Mention, ChannelMention, LineBreak {
    }

    public enum Style { PLAIN, BOLD, ITALIC, CODE }

    public record Text(String text, Style style) implements Span {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(style, "style");
        }
    }

    public record Link(String url, String label) implements Span {
        public Link {
            Objects.requireNonNull(url, "url");
            label = label == null || label.isBlank() ? url : label;
        }
    }

    /** A person; Slack renders a real mention, Teams the display name. */
    public record Mention(UserRef user, String displayName) implements Span {
        public Mention {
            Objects.requireNonNull(user, "user");
            displayName = displayName == null || displayName.isBlank() ? user.userId() : displayName;
        }
    }

    /**
     * A channel the bot knows by id (the triage channel, say): Slack renders a link to it by its name; a platform that
     * cannot name it from the id shows {@code label}.
     */
    public record ChannelMention(String channelId, String label) implements Span {
        public ChannelMention {
            Objects.requireNonNull(channelId, "channelId");
            label = label == null || label.isBlank() ? "a channel" : label;
        }
    }

    public record LineBreak() implements Span {
    }

    public static Markup plain(String text) {
        return builder().text(text).build();
    }

    public static Markup bold(String text) {
        return builder().bold(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    /** The text without formatting: notification text, screen readers, fallbacks. */
    public String plainText() {
        StringBuilder out = new StringBuilder();
        for (Span span : spans) {
            if (span instanceof Text t) {
                out.append(t.text());
            } else if (span instanceof Link l) {
                out.append(l.label());
            } else if (span instanceof Mention m) {
                out.append('@').append(m.displayName());
            } else if (span instanceof ChannelMention c) {
                out.append(c.label());
            } else {
                out.append('\n');
            }
        }
        return out.toString();
    }

    public static final class Builder {
        private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");

        private final List<Span> spans = new ArrayList<>();

        public Builder text(String text) {
            return add(text, Style.PLAIN);
        }

        public Builder bold(String text) {
            return add(text, Style.BOLD);
        }

        public Builder italic(String text) {
            return add(text, Style.ITALIC);
        }

        public Builder code(String text) {
            return add(text, Style.CODE);
        }

        public Builder link(String url, String label) {
            if (url != null && !url.isBlank()) {
                spans.add(new Link(url, label));
            } else if (label != null) {
                text(label);
            }
            return this;
        }

        public Builder mention(UserRef user, String displayName) {
            spans.add(new Mention(user, displayName));
            return this;
        }

        public Builder channel(String channelId, String label) {
            spans.add(new ChannelMention(channelId, label));
            return this;
        }

        public Builder newline() {
            spans.add(new LineBreak());
            return this;
        }

        public Builder append(Markup other) {
            spans.addAll(other.spans());
            return this;
        }

        public boolean isEmpty() {
            return spans.isEmpty();
        }

        private Builder add(String text, Style style) {
            if (text == null || text.isEmpty()) {
                return this;
            }
            if (text.indexOf('\n') < 0) {
                spans.add(new Text(text, style));
                return this;
            }
            // Line breaks become spans so renderers never have to split styled text across lines.
            String[] lines = LINE_BREAK.split(text, -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    spans.add(new LineBreak());
                }
                if (!lines[i].isEmpty()) {
                    spans.add(new Text(lines[i], style));
                }
            }
            return this;
        }

        public Markup build() {
            return new Markup(spans);
        }
    }
}
