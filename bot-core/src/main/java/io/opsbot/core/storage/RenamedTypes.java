package io.opsbot.core.storage;

import io.opsbot.core.gateway.Destination;
import org.springframework.data.convert.TypeInformationMapper;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.Alias;

import java.util.Map;

/**
 * Reads documents written before a stored class moved. MongoDB documents name the class of every value whose field is
 * declared as an interface ({@code _class}, e.g. a delivery's {@link Destination}); when such a class moves to another
 * package, its old name is listed here, so what was stored before still reads. New documents get the new names.
 */
final class RenamedTypes implements TypeInformationMapper {

    private static final Map<String, Class<?>> FORMER_NAMES = Map.of(
            "io.opsbot.core.messaging.Destination$Channel", Destination.Channel.class,
            "io.opsbot.core.messaging.Destination$Direct", Destination.Direct.class);

    @Override
    public TypeInformation<?> resolveTypeFrom(Alias alias) {
        Class<?> type = alias.isPresent() ? FORMER_NAMES.get(String.valueOf(alias.getValue())) : null;
        return type == null ? null : TypeInformation.of(type);
    }

    @Override
    public Alias createAliasFor(TypeInformation<?> type) {
        return Alias.NONE;
    }
}
