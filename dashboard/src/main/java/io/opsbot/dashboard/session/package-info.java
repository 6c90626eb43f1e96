/**
 * Signed-in sessions kept in MongoDB (Spring Session over the core's database), so any instance behind a load
 * balancer serves any request; expired sessions go by a TTL index.
 */
package io.opsbot.dashboard.session;
