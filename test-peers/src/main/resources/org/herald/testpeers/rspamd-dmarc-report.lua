--[[
herald-test-peers: runs rspamd's own `rspamadm dmarc_report` command (lualib/rspamadm/dmarc_report.lua, used as
installed) with one difference: its DNS lookups go to the nameserver named in the configuration file.

rspamadm 3.4 builds its resolver from /etc/resolv.conf before it reads any configuration, and librdns' resolv.conf
parser refuses the only form that names a port ("nameserver [127.0.0.1]:5353"), so the plain command cannot reach a
test DNS server on a free loopback port. rspamd_config:init_subsystem('dns', ev_base) is rspamd's own way to build a
resolver from the loaded configuration's options.dns; it becomes the configuration's resolver, which the command uses
for every lookup (_dmarc.<domain>, <domain>._report._dmarc.<rua host>).

Usage: rspamadm lua -a <configuration file> -a <YYYYMMDD> [-a <YYYYMMDD> ...] <this file>
]]

local config_file = arg[1]

local loaded, load_error = rspamd_config:load_ucl(config_file)
if not loaded then
  io.stderr:write(string.format('cannot load %s: %s\n', config_file, load_error))
  os.exit(1)
end
local parsed, parse_error = rspamd_config:parse_rcl({'logging', 'worker'})
if not parsed then
  io.stderr:write(string.format('cannot process %s: %s\n', config_file, parse_error))
  os.exit(1)
end

rspamd_config:init_subsystem('dns', rspamadm_ev_base)

-- --verbose: the command then logs each report's XML ("got xml: ...") and the mail it sends, which the peer reads.
local command_line = {'--config', config_file, '--verbose'}
for i = 2, #arg do
  command_line[#command_line + 1] = arg[i]
end

require("rspamadm/dmarc_report").handler(command_line)
