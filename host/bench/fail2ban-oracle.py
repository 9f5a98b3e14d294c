#!/usr/bin/env python3
# What the real fail2ban decides on a log file, with its own code: fail2ban-regex's Fail2banRegex (the
# filter, as `fail2ban-regex -o` runs it: the jail's ignorePending, no DNS) finds the failures line by line,
# and the jail's FailManager counts them (maxretry within findtime). A running jail's periodic cleanup drops
# tickets whose last failure is findtime old; here a ticket is dropped when its address fails again that
# much later, which is the same for a log read in time order and well defined for one that is not (the
# test log mixes years). Prints JSON:
#   {"failures": [[line number, address, time], ...], "bans": [[line number, address, time], ...]}
# Usage: fail2ban-oracle.py LOG FILTER.conf MODE MAXRETRY FINDTIME
#        fail2ban-oracle.py --count MAXRETRY FINDTIME < failures.json   (the jail's bans for given failures)
import json, sys
from fail2ban.client.fail2banregex import Fail2banRegex, get_opt_parser
from fail2ban.server.failmanager import FailManager
from fail2ban.server.ticket import FailTicket

def count(failures, maxretry, findtime):
    manager = FailManager()
    manager.setMaxRetry(maxretry)
    manager.setMaxTime(findtime)
    bans = []
    for number, ip, t in failures:
        ticket = manager._FailManager__failList.get(ip)
        if ticket is not None and ticket.getTime() <= t - findtime:
            manager.delFailure(ip)
        if manager.addFailure(FailTicket(ip, t)) >= maxretry:
            manager.toBan(ip)
            bans.append([number, str(ip), t])
    return bans

if sys.argv[1] == '--count':
    json.dump(count(json.load(sys.stdin), int(sys.argv[2]), int(sys.argv[3])), sys.stdout)
    sys.exit(0)

log, conf, mode, maxretry, findtime = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
opts, _ = get_opt_parser().parse_args(['-o', 'row', '--usedns=no'])
regex = Fail2banRegex(opts)
if not regex.readRegex('%s[mode=%s]' % (conf, mode), 'fail'):
    sys.exit('cannot read filter %s' % conf)

failures = []
with open(log, encoding='utf-8', errors='surrogateescape') as f:
    for number, line in enumerate(f, 1):
        line = line.rstrip('\r\n')
        if not line or line.startswith('#'):
            continue
        _, found, ignored = regex.testRegex(line)
        if ignored:
            continue
        for _, ip, t, data in found:
            failures.append([number, ip, t])
json.dump({'failures': [[n, str(ip), t] for n, ip, t in failures], 'bans': count(failures, maxretry, findtime)}, sys.stdout)
