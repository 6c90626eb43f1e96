package io.opsbot.slack.inbound;

import com.slack.api.bolt.App;

/** A group of Bolt handlers; each one turns a kind of Slack request into a call on the core. */
public interface SlackListener {

    void register(App app);
}
