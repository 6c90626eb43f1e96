/** Token buckets shared by every instance through MongoDB: how fast a person may create data, how fast the bot may send. */
package io.opsbot.core.ratelimit;
