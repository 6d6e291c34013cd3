"""临时救助 area: 急难登记 at the place of the emergency, the case-page section, the township reserve funds."""
