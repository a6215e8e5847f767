# How-to: check fund spending (docs/how-to.md).
import csv
from decimal import Decimal

import onex
from onex.model import half_up

# demo-2021 is a fictional college (every figure invented) with fund rules and a ledger.
dataset = onex.samples.load("demo-2021")
funds = onex.fund_compliance(dataset)


def cny(amount: Decimal | None) -> str:
    """An amount as reports show it: two places, rounded half-up, thousands separated."""
    return "—" if amount is None else f"¥{half_up(amount, 2):,}"


total = funds.total
print(f"allocated {cny(total.allocated)}, spent {cny(total.spent)}")
print(f"execution rate (执行率) {total.execution_rate.text()}")
for line in funds.by_category:
    print(f"  {line.name}: {cny(line.spent)}, expenses: {line.expenses}")

print(f"{len(funds.violations)} violations, for example:")
for violation in funds.violations[:3]:
    vouchers = ", ".join(e.voucher or f"#{e.index}" for e in violation.expenses)
    print(f"  [{violation.kind.label()}] {vouchers}: {violation.reason()}")


# Every violation for the finance office, as CSV that Excel opens (UTF-8 with BOM). Text that
# Excel would take for a formula gets a leading apostrophe.
def cell(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = "" if value is None else text
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


records = funds.violation_records()
with open("fund-violations-2021.csv", "w", newline="", encoding="utf-8-sig") as file:
    writer = csv.writer(file)
    writer.writerow(records[0].keys())
    writer.writerows([cell(v) for v in record.values()] for record in records)
print(f"{len(records)} rows written to fund-violations-2021.csv")
