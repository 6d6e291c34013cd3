"""The 低保 rules as pure functions on Decimal 元: household income (S2 art. 13), assets (art. 14), 分类施保 (art. 27),
the amount (补差) and the assessment record they produce."""
