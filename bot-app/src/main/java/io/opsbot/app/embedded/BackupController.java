package io.opsbot.app.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/**
 * {@code POST /admin/backup} with {@code Authorization: Bearer <OPSBOT_BACKUP_TOKEN>}: an online backup of the
 * embedded database into the backup folder. Without a configured token the endpoint does not exist (404), so a bot on
 * a public address offers nothing by default; a wrong token gets 401 and is logged without the token.
 */
@RestController
class BackupController {

    private static final Logger log = LoggerFactory.getLogger(BackupController.class);

    private final EmbeddedBackups backups;
    private final byte[] token;

    BackupController(EmbeddedBackups backups, String token) {
        this.backups = backups;
        this.token = token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/admin/backup")
    ResponseEntity<Map<String, Object>> backup(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                                               String authorization) throws IOException {
        if (token == null) {
            return ResponseEntity.notFound().build();
        }
        byte[] given = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            log.warn("Refused a backup request without the right token");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        Path file = backups.backup();
        log.info("Backup of the embedded database written to {}", file);
        return ResponseEntity.ok(Map.of("file", file.toString(), "bytes", Files.size(file)));
    }
}
