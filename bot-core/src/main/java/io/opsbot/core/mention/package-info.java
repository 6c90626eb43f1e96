/** People mentioned in command text, in one neutral token form that both adapters write and every command reads. */
package io.opsbot.core.mention;
