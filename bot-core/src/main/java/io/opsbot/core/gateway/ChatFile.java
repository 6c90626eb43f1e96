package io.opsbot.core.gateway;

import java.util.Objects;

/** A file the bot hands someone (an export): its name as they will see it, its media type, and its bytes. */
public record ChatFile(String name, String mediaType, byte[] content) {

    public ChatFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a file name without folders: " + name);
        }
    }
}
