package io.opsbot.teams.files;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.FileGateway;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.teams.outbound.TeamsChatGateway;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;

/**
 * Files on Teams: a bot cannot attach a file to a 1:1 chat without the file consent flow and OneDrive, so the file is
 * kept in MongoDB (GridFS, so size is no limit) for {@link TeamsFileProperties#linkLifetime()}, and the person gets a
 * message with a signed link ({@link DownloadLinks}) that the bot serves ({@link FileDownloadController}). Expired
 * files are deleted whenever a new one is stored.
 */
@Component
public class TeamsFileGateway implements FileGateway {

    static final String BUCKET = "teams_files";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MongoTemplate mongo;
    private final TeamsChatGateway chat;
    private final DownloadLinks links;
    private final TeamsFileProperties properties;
    private final Clock clock;

    public TeamsFileGateway(MongoTemplate mongo, TeamsChatGateway chat, DownloadLinks links,
                            TeamsFileProperties properties, Clock clock) {
        this.mongo = mongo;
        this.chat = chat;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.TEAMS;
    }

    @Override
    public void sendFile(Destination.Direct to, ChatFile file, Message comment) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.linkLifetime());
        GridFSBucket bucket = bucket();
        bucket.find(Filters.lt("metadata.expiresAt", Date.from(now))).forEach(old -> bucket.delete(old.getId()));
        ObjectId id = bucket.uploadFromStream(file.name(), new ByteArrayInputStream(file.content()),
                new GridFSUploadOptions().metadata(new Document("tenant", to.tenant().key())
                        .append("mediaType", file.mediaType()).append("expiresAt", Date.from(expires))));
        String link = links.link(id.toHexString(), to.tenant(), expires);
        Message.Builder message = Message.builder(comment.summary());
        comment.blocks().forEach(message::block);
        message.section(Markup.builder().text("⬇️ ").link(link, "Download " + file.name())
                .italic(" (the link works until " + UNTIL.format(expires) + ")").build());
        chat.send(to, message.build());
    }

    /** A stored file, if it is there, belongs to the tenant and has not expired. */
    Optional<Stored> find(String fileId, String tenantKey) {
        if (!ObjectId.isValid(fileId)) {
            return Optional.empty();
        }
        GridFSBucket bucket = bucket();
        var found = bucket.find(Filters.eq("_id", new ObjectId(fileId))).first();
        if (found == null || found.getMetadata() == null || !tenantKey.equals(found.getMetadata().getString("tenant"))
                || !found.getMetadata().getDate("expiresAt").toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bucket.downloadToStream(found.getObjectId(), bytes);
        return Optional.of(new Stored(found.getFilename(), found.getMetadata().getString("mediaType"),
                bytes.toByteArray()));
    }

    record Stored(String name, String mediaType, byte[] content) {
    }

    private GridFSBucket bucket() {
        return GridFSBuckets.create(mongo.getDb(), BUCKET);
    }
}
