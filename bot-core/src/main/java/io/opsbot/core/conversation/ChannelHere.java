package io.opsbot.core.conversation;

import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.message.Message;

/**
 * "... here" commands (feedback triage here, okr channel here, onboarding channel here): the channel the command was
 * typed in, refused in a direct message, and a first post there that proves the bot can write to it.
 */
public final class ChannelHere {

    private ChannelHere() {
    }

    /** The channel the command came from (not a thread in it); a clear error in a direct message. */
    public static Destination.Channel of(Invoker invoker, String purpose) {
        Destination.Channel here = invoker.conversation();
        if (here == null || invoker.direct()) {
            throw new UserError("Run this in " + purpose + ", not in a direct message.");
        }
        return new Destination.Channel(here.tenant(), here.channelId());
    }

    /** Posts the confirmation now; when the bot cannot post there, says how to fix it instead of failing. */
    public static void announce(Messenger messenger, Destination.Channel channel, Message message) {
        try {
            messenger.send(channel, message);
        } catch (DeliveryException e) {
            if (e.reason() == DeliveryException.Reason.UNREACHABLE) {
                throw new UserError("I can't post in this channel yet. Add me to it first, then run this again.");
            }
            throw e;
        }
    }
}
