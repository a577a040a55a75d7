dgSearchShard("g", [
["German reunification","Event","event/8a/german-reunification.html"],
["Germany","State","state/cf/DEU.html"],
["United Kingdom","State","state/08/GBR.html"],
["Georgia","State","state/8c/GEO.html"],
["Gambia","State","state/43/GMB.html"],
["Greece","State","state/1b/GRC.html"]
], [
["german-reunification","German reunification",0,0],
["germany","reunification of Germany",0,17],
["germany","Germany",1,0],
["germany","Federal Republic of Germany",1,20],
["germany","West Germany",1,5],
["great-britain","Great Britain",2,0],
["great-britain-and-northern-ireland","United Kingdom of Great Britain and Northern Ireland",2,18],
["georgia","Georgia",3,0],
["gambia","Gambia",4,0],
["gambia","Republic of the Gambia",4,16],
["gambia","The Gambia",4,4],
["greece","Greece",5,0]
]);
