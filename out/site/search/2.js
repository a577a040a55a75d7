dgSearchShard("2", [
["2004 enlargement of the European Union","Event","event/e6/2004-enlargement-of-the-european-union.html"],
["Russian invasion of Ukraine (2022)","Event","event/3f/russian-invasion-of-ukraine-2022.html"]
], [
["2004-enlargement-of-the-european-union","2004 enlargement of the European Union",0,0],
["2004-eu-enlargement","2004 EU enlargement",0,0],
["2004-enlargement-of-the-eu","2004 enlargement of the EU",0,0],
["2004","EU enlargement of 2004",0,18],
["2022","Russian invasion of Ukraine (2022)",1,28],
["2022-russian-invasion-of-ukraine","2022 Russian invasion of Ukraine",1,0]
]);
