dgSearchShard("w", [
["Baltic Way","Event","event/4c/baltic-way.html"],
["Cold War","Event","event/f2/cold-war.html"],
["Estonian War of Independence","Event","event/f8/estonian-war-of-independence.html"],
["World Trade Organization","Organization","organization/5a/world-trade-organization.html"],
["Germany","State","state/cf/DEU.html"]
], [
["way","Baltic Way",0,7],
["war","Cold War",1,5],
["war-of-independence","Estonian War of Independence",2,9],
["world-trade-organization","World Trade Organization",3,0],
["wto","WTO",3,0],
["world-trade-organisation","World Trade Organisation",3,0],
["west-germany","West Germany",4,0]
]);
